"""The article's PyTorch model (section 5.2) as a complete program.

LSTMModel, the loss and the optimizer are the article's code. The data
definitions and the body of the training loop (the article is cut off
inside it) are the usual minimal completion.
Run with: python3 pytorch_model.py  (needs torch)
"""
import torch
import torch.nn as nn

# Data: 1,000 sequences of 20 random digits, one-hot (10 per step).
# The label is the first digit: the model must carry it across 19 steps.
torch.manual_seed(0)
input_size = 10
hidden_size = 128
num_layers = 2
num_classes = 10
num_epochs = 10
digits = torch.randint(0, 10, (1000, 20))
x_train = nn.functional.one_hot(digits, input_size).float()  # [N, T, I]
y_train = digits[:, 0]  # [N] class ids, not one-hot
train_loader = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(x_train, y_train),
    batch_size=32, shuffle=True)

# Define the LSTM model
class LSTMModel(nn.Module):
    def __init__(self, input_size, hidden_size, num_layers, num_classes):
        super(LSTMModel, self).__init__()
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.lstm = nn.LSTM(input_size, hidden_size, num_layers,
                            batch_first=True)
        self.fc = nn.Linear(hidden_size, num_classes)

    def forward(self, x):
        h0 = torch.zeros(self.num_layers, x.size(0), self.hidden_size)
        c0 = torch.zeros(self.num_layers, x.size(0), self.hidden_size)
        out, _ = self.lstm(x, (h0, c0))
        out = self.fc(out[:, -1, :])
        return out

# Create the model
model = LSTMModel(input_size, hidden_size, num_layers, num_classes)

# Loss function and optimizer
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters())

# Train the model
for epoch in range(num_epochs):
    for i, (inputs, labels) in enumerate(train_loader):
        outputs = model(inputs)            # [B, num_classes] logits
        loss = criterion(outputs, labels)  # mean cross-entropy
        optimizer.zero_grad()              # clear the previous gradients
        loss.backward()                    # backpropagation through time
        optimizer.step()                   # one Adam update
    print(f'epoch {epoch + 1}/{num_epochs}, loss {loss.item():.4f}')
